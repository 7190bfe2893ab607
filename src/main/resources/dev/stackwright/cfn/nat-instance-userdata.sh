#!/bin/bash
# Stackwright NAT instance. User data runs once, at first boot; the NAT set-up must survive reboots, so this only
# installs two units and starts them:
# - stackwright-nat.service, at every boot: attach this zone's static network interface (the one the route tables
#   target, with the Elastic IP), send the instance's own traffic out through it, forward and masquerade;
# - stackwright-nat-check.timer, every minute: if forwarding broke and a re-run does not mend it, mark the instance
#   Unhealthy so that its Auto Scaling group replaces it.
# (The scripts contain no dollar-brace: CloudFormation's Fn::Sub would read it as one of its own variables.)
set -euo pipefail

cat > /etc/stackwright-nat.env <<'EOF'
ENI_ID=${EniId}
REGION=${AWS::Region}
EOF

cat > /usr/local/sbin/stackwright-nat <<'EOF'
#!/bin/bash
# Sets up NAT through the static interface. Runs at every boot; every step checks before it changes, so a re-run
# (after a reboot, or from the health check) changes nothing that is already right.
set -euo pipefail
. /etc/stackwright-nat.env
imds() {
  local token
  token=$(curl -sf -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')
  curl -sf -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"
}
# The MAC of the static interface if it is attached to this instance, else nothing.
static_mac() {
  local mac
  for mac in $(imds network/interfaces/macs/ | tr -d /); do
    if [ "$(imds "network/interfaces/macs/$mac/interface-id" || true)" = "$ENI_ID" ]; then
      echo "$mac"
      return
    fi
  done
}
instance_id=$(imds instance-id)
if [ -z "$(static_mac)" ]; then
  # First boot: the launch address on the primary interface reaches the EC2 API. The interface may still be
  # detaching from the instance this one replaces, so try for five minutes.
  for _ in $(seq 1 30); do
    aws ec2 attach-network-interface --region "$REGION" --instance-id "$instance_id" \
      --network-interface-id "$ENI_ID" --device-index 1 > /dev/null && break
    sleep 10
  done
fi
iface=""
for _ in $(seq 1 90); do
  mac=$(static_mac)
  if [ -n "$mac" ]; then
    iface=$(ip -o link | awk -v mac="$mac" 'tolower($0) ~ mac {sub(":", "", $2); print $2; exit}')
    [ -n "$iface" ] && ip -4 addr show dev "$iface" | grep -q inet && break
  fi
  iface=""
  sleep 2
done
if [ -z "$iface" ]; then
  echo "stackwright-nat: the static interface $ENI_ID did not come up" >&2
  exit 1
fi
# The subnet's router is the address after the network address of the interface's subnet.
gateway=$(imds "network/interfaces/macs/$mac/subnet-ipv4-cidr-block" | awk -F'[./]' '{print $1"."$2"."$3"."$4+1}')
sysctl -q -w net.ipv4.ip_forward=1
sysctl -q -w "net.ipv4.conf.$iface.rp_filter=0"
# The instance's own traffic (updates, Session Manager, the AWS APIs) leaves with the Elastic IP as well.
ip route replace default via "$gateway" dev "$iface" metric 10
command -v iptables > /dev/null || dnf install -y iptables-nft
iptables -t nat -C POSTROUTING -o "$iface" -j MASQUERADE 2> /dev/null \
  || iptables -t nat -A POSTROUTING -o "$iface" -j MASQUERADE
iptables -P FORWARD ACCEPT
echo "$iface" > /run/stackwright-nat.iface
# The launch address is needed only to attach the static interface; release it so that the instance has one public
# IPv4 address, the Elastic IP. https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/working-with-ip-addresses.html
primary_mac=$(imds mac)
if imds "network/interfaces/macs/$primary_mac/public-ipv4s" > /dev/null 2>&1; then
  aws ec2 modify-network-interface-attribute --region "$REGION" --no-associate-public-ip-address \
    --network-interface-id "$(imds "network/interfaces/macs/$primary_mac/interface-id")" \
    || echo "stackwright-nat: the launch address could not be released; it is billed until the instance is replaced" >&2
fi
EOF

cat > /usr/local/sbin/stackwright-nat-check <<'EOF'
#!/bin/bash
# Health check, every minute: forwarding is on, the static interface is up and carries the default route, and the
# masquerade rule is in place. If not, re-run the set-up once; if that fails too, mark the instance Unhealthy so that
# the Auto Scaling group replaces it, or power it off (a stopped instance fails the group's EC2 health check) when
# even that call cannot get out.
set -uo pipefail
. /etc/stackwright-nat.env
healthy() {
  local iface
  iface=$(cat /run/stackwright-nat.iface 2> /dev/null) || return 1
  [ "$(sysctl -n net.ipv4.ip_forward)" = 1 ] \
    && ip -4 addr show dev "$iface" up | grep -q inet \
    && ip route show default | grep -q "dev $iface " \
    && iptables -t nat -C POSTROUTING -o "$iface" -j MASQUERADE 2> /dev/null
}
healthy && exit 0
systemctl restart stackwright-nat.service && healthy && exit 0
token=$(curl -sf -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 60')
instance_id=$(curl -sf -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/instance-id)
echo "stackwright-nat-check: NAT is broken on $instance_id; asking for a replacement" >&2
aws autoscaling set-instance-health --region "$REGION" --instance-id "$instance_id" \
  --health-status Unhealthy --no-should-respect-grace-period || systemctl poweroff
EOF
chmod 755 /usr/local/sbin/stackwright-nat /usr/local/sbin/stackwright-nat-check

cat > /etc/systemd/system/stackwright-nat.service <<'EOF'
[Unit]
Description=Stackwright NAT: static interface, forwarding and masquerade
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/local/sbin/stackwright-nat

[Install]
WantedBy=multi-user.target
EOF

cat > /etc/systemd/system/stackwright-nat-check.service <<'EOF'
[Unit]
Description=Stackwright NAT: health check

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/stackwright-nat-check
EOF

cat > /etc/systemd/system/stackwright-nat-check.timer <<'EOF'
[Unit]
Description=Stackwright NAT: health check every minute, from ten minutes after boot

[Timer]
OnBootSec=10min
OnUnitActiveSec=1min

[Install]
WantedBy=timers.target
EOF

systemctl daemon-reload
systemctl enable stackwright-nat.service stackwright-nat-check.timer
# The timer first: if the set-up fails at first boot, the health check still gets the instance replaced.
systemctl start stackwright-nat-check.timer
systemctl start stackwright-nat.service
