#!/bin/bash
# Stackwright NAT instance: attach this zone's static network interface, then forward and masquerade through it.
# The route tables target that interface, so a replacement instance takes over the same route.
set -euo pipefail
imds() {
  local token
  token=$(curl -sf -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')
  curl -sf -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"
}
instance_id=$(imds instance-id)
aws ec2 attach-network-interface --region ${AWS::Region} --instance-id "$instance_id" \
  --network-interface-id ${EniId} --device-index 1
mac=$(aws ec2 describe-network-interfaces --region ${AWS::Region} --network-interface-ids ${EniId} \
  --query 'NetworkInterfaces[0].MacAddress' --output text)
for _ in $(seq 1 60); do
  iface=$(ip -o link | awk -v mac="$mac" 'tolower($0) ~ mac {sub(":", "", $2); print $2}')
  [ -n "$iface" ] && ip -4 addr show dev "$iface" | grep -q inet && break
  sleep 2
done
gateway=$(ip route show dev "$iface" | awk '/default/ {print $3; exit}')
[ -n "$gateway" ] || gateway=$(ip -4 route show dev "$iface" | awk '/proto kernel/ {split($1, a, "[./]"); print a[1]"."a[2]"."a[3]"."a[4]+1; exit}')
dnf install -y iptables-nft
echo 'net.ipv4.ip_forward = 1' > /etc/sysctl.d/90-stackwright-nat.conf
echo "net.ipv4.conf.$iface.rp_filter = 0" >> /etc/sysctl.d/90-stackwright-nat.conf
sysctl --system
ip route replace default via "$gateway" dev "$iface" metric 10
iptables -t nat -A POSTROUTING -o "$iface" -j MASQUERADE
iptables -P FORWARD ACCEPT
