#!/usr/bin/env python3
"""Writes a flow log in Stackwright's own format for benchmarks: python3 scripts/generate-flow-log.py FILE BYTES (at least BYTES, in whole blocks of 200,000 records)."""
import random, sys
random.seed(7)
header = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr region az-id pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path"
lines = []
svc = ["S3", "-", "DYNAMODB", "EC2", "-"]
for i in range(200000):
    src = f"10.0.{random.randrange(0,16)}.{random.randrange(1,255)}"
    dst = f"10.0.{random.randrange(0,16)}.{random.randrange(1,255)}" if i % 3 else f"52.{random.randrange(0,255)}.{random.randrange(0,255)}.{random.randrange(1,255)}"
    act = "REJECT" if i % 17 == 0 else "ACCEPT"
    s = svc[i % 5]
    start = 1700000000 + (i % 3600)
    lines.append(f"5 123456789012 eni-{i%500:05x} {src} {dst} {random.randrange(1024,65535)} {random.choice([443,80,5432,22,8080])} 6 {random.randrange(1,100)} {random.randrange(40,1500000)} {start} {start+60} {act} OK vpc-1 subnet-{i%6} - 2 IPv4 {src} {dst} us-east-1 use1-az{i%3+1} - {s} egress 1")
block = ("\n".join(lines) + "\n").encode()
target = int(sys.argv[2])
with open(sys.argv[1], "wb") as f:
    f.write((header + "\n").encode())
    n = 0
    while n < target:
        f.write(block); n += len(block)
print(n)
