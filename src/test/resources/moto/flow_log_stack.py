"""Creates a network stack from a template on moto and reads back, with boto3 (a reader independent of Stackwright's
SDK adapter), what its flow logs to S3 made: the flow log, the Glue table and the Athena workgroup. Or lists the Athena
queries run so far, with their workgroup and database.

Usage: python3 flow_log_stack.py ENDPOINT REGION create STACK TEMPLATE_FILE
       python3 flow_log_stack.py ENDPOINT REGION queries
Prints JSON.
"""

import json
import sys
import time

import boto3


def client(name, endpoint, region):
    return boto3.client(name, endpoint_url=endpoint, region_name=region,
                        aws_access_key_id="stackwright-test", aws_secret_access_key="stackwright-test")


def create(endpoint, region, stack, template_file):
    cfn = client("cloudformation", endpoint, region)
    with open(template_file) as f:
        cfn.create_stack(StackName=stack, TemplateBody=f.read(), Capabilities=["CAPABILITY_IAM"])
    for _ in range(600):
        status = cfn.describe_stacks(StackName=stack)["Stacks"][0]
        if not status["StackStatus"].endswith("IN_PROGRESS"):
            break
        time.sleep(0.2)
    outputs = {o["OutputKey"]: o["OutputValue"] for o in status.get("Outputs", [])}
    glue = client("glue", endpoint, region)
    table = glue.get_table(DatabaseName=outputs["FlowLogDatabase"], Name=outputs["FlowLogTable"])["Table"]
    workgroup = client("athena", endpoint, region).get_work_group(WorkGroup=outputs["FlowLogWorkGroup"])["WorkGroup"]
    flow_logs = client("ec2", endpoint, region).describe_flow_logs()["FlowLogs"]
    print(json.dumps({
        "status": status["StackStatus"],
        "outputs": outputs,
        "table": {
            "columns": [[c["Name"], c["Type"]] for c in table["StorageDescriptor"]["Columns"]],
            "partitionKeys": [k["Name"] for k in table.get("PartitionKeys", [])],
            "location": table["StorageDescriptor"]["Location"],
            "parameters": table.get("Parameters", {}),
        },
        "workgroup": {
            "name": workgroup["Name"],
            "enforced": workgroup["Configuration"].get("EnforceWorkGroupConfiguration"),
            "output": workgroup["Configuration"]["ResultConfiguration"].get("OutputLocation"),
            "encryption": workgroup["Configuration"]["ResultConfiguration"]
            .get("EncryptionConfiguration", {}).get("EncryptionOption"),
        },
        "flowLogs": [{"type": f.get("LogDestinationType"), "destination": f.get("LogDestination"),
                      "format": f.get("LogFormat")} for f in flow_logs],
    }, default=str))


def queries(endpoint, region):
    athena = client("athena", endpoint, region)
    out = []
    for workgroup in [w["Name"] for w in athena.list_work_groups()["WorkGroups"]]:
        for qid in athena.list_query_executions(WorkGroup=workgroup).get("QueryExecutionIds", []):
            q = athena.get_query_execution(QueryExecutionId=qid)["QueryExecution"]
            out.append({"workgroup": q.get("WorkGroup"),
                        "database": q.get("QueryExecutionContext", {}).get("Database"),
                        "query": q.get("Query")})
    print(json.dumps(out))


def main():
    endpoint, region, what = sys.argv[1:4]
    if what == "create":
        create(endpoint, region, sys.argv[4], sys.argv[5])
    else:
        queries(endpoint, region)


if __name__ == "__main__":
    main()
