"""Requests an ACM certificate for a domain in moto and prints its ARN: the shipped examples name certificates of
their own accounts, which a load balancer's HTTPS listener must find (AWS and moto both refuse an unknown one).

Usage: python3 certificate.py ENDPOINT REGION DOMAIN
"""

import sys

import boto3


def main():
    endpoint, region, domain = sys.argv[1:4]
    acm = boto3.client("acm", endpoint_url=endpoint, region_name=region,
                       aws_access_key_id="stackwright-test", aws_secret_access_key="stackwright-test")
    print(acm.request_certificate(DomainName=domain, ValidationMethod="DNS")["CertificateArn"])


if __name__ == "__main__":
    main()
