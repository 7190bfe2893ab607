package dev.stackwright.cfnspec;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceSpecCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceSpecCheck CHECK = ResourceSpecCheck.load();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A template whose Resources are the given JSON members plus a VPC named Vpc. */
    private static JsonNode withResources(String members) {
        return json("""
        {"Resources": {
          "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
          %s
        }}""".formatted(members));
    }

    private static List<String> check(String members) {
        return CHECK.check(withResources(members));
    }

    // --- the subset itself ---------------------------------------------------------------------

    @Test
    void load_isCachedAndRecordsTheSpecVersion() {
        assertThat(ResourceSpecCheck.load()).isSameAs(CHECK);
        assertThat(CHECK.specVersion()).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void subset_coversEveryTypeListedInTypesTxt() throws IOException {
        List<String> listed = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/cfn-spec/types.txt")) {
            assertThat(in).as("types.txt on the test classpath").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                String type = line.replaceAll("#.*", "").strip();
                if (!type.isEmpty()) {
                    listed.add(type);
                }
            }
        }
        assertThat(listed).contains("AWS::EC2::VPC", "AWS::CodeBuild::Project");
        assertThat(listed)
                .as("types.txt lists types missing from the subset: rerun scripts/update-cfn-spec.sh")
                .allMatch(CHECK::hasResourceType);
    }

    // --- valid templates -------------------------------------------------------------------------

    @Test
    void check_validTemplate_hasNoViolations() {
        JsonNode template = json("""
            {
              "AWSTemplateFormatVersion": "2010-09-09",
              "Description": "valid",
              "Parameters": {
                "AppSubnets": {"Type": "List<AWS::EC2::Subnet::Id>"},
                "ImageId": {"Type": "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"}
              },
              "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::StackName"}, "prod"]}},
              "Mappings": {"Sizes": {"prod": {"Max": "4"}}},
              "Resources": {
                "Vpc": {
                  "Type": "AWS::EC2::VPC",
                  "Properties": {
                    "CidrBlock": "10.0.0.0/16",
                    "EnableDnsHostnames": true,
                    "Tags": [{"Key": "Name", "Value": {"Fn::Sub": "${AWS::StackName}-vpc"}}]
                  }
                },
                "SubnetA": {
                  "Type": "AWS::EC2::Subnet",
                  "Properties": {
                    "VpcId": {"Ref": "Vpc"},
                    "CidrBlock": {"Fn::Select": [0, {"Fn::Cidr": [{"Fn::GetAtt": ["Vpc", "CidrBlock"]}, 4, 8]}]},
                    "AvailabilityZone": {"Fn::Select": [0, {"Fn::GetAZs": ""}]},
                    "MapPublicIpOnLaunch": false
                  }
                },
                "AppSg": {
                  "Type": "AWS::EC2::SecurityGroup",
                  "Properties": {
                    "GroupDescription": "app",
                    "VpcId": {"Ref": "Vpc"},
                    "SecurityGroupIngress": [
                      {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/16"}
                    ]
                  }
                },
                "Role": {
                  "Type": "AWS::IAM::Role",
                  "Properties": {
                    "AssumeRolePolicyDocument": {
                      "Version": "2012-10-17",
                      "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]
                    },
                    "Policies": [{
                      "PolicyName": "logs",
                      "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [{"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": {"Fn::GetAtt": ["Logs", "Arn"]}}]
                      }
                    }]
                  }
                },
                "Logs": {
                  "Type": "AWS::Logs::LogGroup",
                  "DeletionPolicy": "Retain",
                  "UpdateReplacePolicy": "Retain",
                  "Properties": {"RetentionInDays": 30}
                },
                "Template": {
                  "Type": "AWS::EC2::LaunchTemplate",
                  "Properties": {
                    "LaunchTemplateData": {
                      "ImageId": {"Ref": "ImageId"},
                      "SecurityGroupIds": [{"Ref": "AppSg"}],
                      "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 2},
                      "Monitoring": {"Fn::If": ["IsProd", {"Enabled": true}, {"Ref": "AWS::NoValue"}]}
                    }
                  }
                },
                "Group": {
                  "Type": "AWS::AutoScaling::AutoScalingGroup",
                  "DependsOn": ["SubnetA"],
                  "Properties": {
                    "MinSize": "1",
                    "MaxSize": {"Fn::FindInMap": ["Sizes", "prod", "Max"]},
                    "VPCZoneIdentifier": {"Ref": "AppSubnets"},
                    "AvailabilityZones": {"Fn::GetAZs": {"Ref": "AWS::Region"}},
                    "LaunchTemplate": {
                      "LaunchTemplateId": {"Ref": "Template"},
                      "Version": {"Fn::GetAtt": "Template.LatestVersionNumber"}
                    },
                    "NotificationConfigurations": {"Ref": "AWS::NoValue"}
                  }
                },
                "Db": {
                  "Type": "AWS::RDS::DBInstance",
                  "DeletionPolicy": "Snapshot",
                  "Properties": {"Engine": "postgres", "DBInstanceClass": "db.t4g.micro", "MultiAZ": true}
                },
                "Endpoint": {
                  "Type": "AWS::EC2::VPCEndpoint",
                  "Properties": {
                    "VpcId": {"Ref": "Vpc"},
                    "ServiceName": {"Fn::Sub": ["com.amazonaws.${Region}.s3", {"Region": {"Ref": "AWS::Region"}}]},
                    "VpcEndpointType": "Gateway",
                    "PolicyDocument": "{\\"Statement\\": []}"
                  }
                }
              },
              "Outputs": {
                "VpcId": {"Value": {"Ref": "Vpc"}, "Export": {"Name": {"Fn::Sub": "${AWS::StackName}-VpcId"}}},
                "DbAddress": {"Value": {"Fn::GetAtt": ["Db", "Endpoint.Address"]}},
                "DbUrl": {"Value": {"Fn::Sub": "postgres://${Db.Endpoint.Address}:${Db.Endpoint.Port}/app"}},
                "Ipv6": {"Value": {"Fn::Join": [",", {"Fn::GetAtt": ["Vpc", "Ipv6CidrBlocks"]}]}, "Condition": "IsProd"}
              }
            }
            """);
        assertThat(CHECK.check(template)).isEmpty();
        CHECK.assertValid(template);
    }

    // --- template structure ----------------------------------------------------------------------

    @Test
    void check_missingResources_isReported() {
        assertThat(CHECK.check(json("{\"Description\": \"nothing\"}")))
                .containsExactly("Resources: missing (a template needs at least one resource)");
    }

    @Test
    void check_unknownTemplateSection_isReported() {
        JsonNode template = json("""
            {"Resource": {}, "Resources": {"Vpc": {"Type": "AWS::EC2::VPC"}}}""");
        assertThat(CHECK.check(template)).containsExactly("Resource: unknown template section");
    }

    @Test
    void check_typeMissingFromSubset_saysHowToAddIt() {
        assertThat(check("\"Queue\": {\"Type\": \"AWS::SQS::Queue\", \"Properties\": {}}"))
                .containsExactly(
                        "Resources.Queue (AWS::SQS::Queue): resource type not in the CloudFormation spec subset; "
                                + "add it to src/test/resources/cfn-spec/types.txt and run scripts/update-cfn-spec.sh");
    }

    @Test
    void check_missingType_isReported() {
        assertThat(check("\"Thing\": {\"Properties\": {}}")).containsExactly("Resources.Thing.Type: missing");
    }

    @Test
    void check_unknownResourceAttribute_isReported() {
        assertThat(check("\"Igw\": {\"Type\": \"AWS::EC2::InternetGateway\", \"DependOn\": \"Vpc\"}"))
                .containsExactly("Resources.Igw (AWS::EC2::InternetGateway).DependOn: unknown resource attribute");
    }

    // --- properties ------------------------------------------------------------------------------

    @Test
    void check_unknownProperty_isReported() {
        assertThat(check("""
                "SubnetAppA": {"Type": "AWS::EC2::Subnet",
                  "Properties": {"VpcId": {"Ref": "Vpc"}, "Foo": 1, "cidrBlock": "10.0.0.0/24"}}"""))
                .containsExactly(
                        "Resources.SubnetAppA (AWS::EC2::Subnet).Properties.Foo: unknown property",
                        "Resources.SubnetAppA (AWS::EC2::Subnet).Properties.cidrBlock: unknown property (did you mean 'CidrBlock'?)");
    }

    @Test
    void check_unknownNestedProperty_isReported() {
        assertThat(check("""
                "Lt": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {
                  "MetadataOptions": {"HttpTokens": "required", "HttpHopLimit": 2}}}}"""))
                .containsExactly(
                        "Resources.Lt (AWS::EC2::LaunchTemplate).Properties.LaunchTemplateData.MetadataOptions.HttpHopLimit: unknown property");
    }

    @Test
    void check_missingRequiredProperty_isReported() {
        assertThat(
                        check(
                                "\"Sg\": {\"Type\": \"AWS::EC2::SecurityGroup\", \"Properties\": {\"VpcId\": {\"Ref\": \"Vpc\"}}}"))
                .containsExactly(
                        "Resources.Sg (AWS::EC2::SecurityGroup).Properties.GroupDescription: missing required property");
    }

    @Test
    void check_missingRequiredPropertyWithoutProperties_isReported() {
        assertThat(check("\"Subnet\": {\"Type\": \"AWS::EC2::Subnet\"}"))
                .containsExactly("Resources.Subnet (AWS::EC2::Subnet).Properties.VpcId: missing required property");
    }

    @Test
    void check_missingRequiredNestedProperty_isReported() {
        assertThat(check("""
                "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "x",
                  "SecurityGroupIngress": [{"FromPort": 80, "ToPort": 80}],
                  "Tags": [{"Key": "Name"}]}}"""))
                .containsExactly(
                        "Resources.Sg (AWS::EC2::SecurityGroup).Properties.SecurityGroupIngress[0].IpProtocol: missing required property",
                        "Resources.Sg (AWS::EC2::SecurityGroup).Properties.Tags[0].Value: missing required property");
    }

    // --- value types -----------------------------------------------------------------------------

    @Test
    void check_wrongScalarTypes_areReported() {
        assertThat(check("""
                "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {
                  "VpcId": {"Id": "vpc-1"},
                  "MapPublicIpOnLaunch": "yes",
                  "Ipv4NetmaskLength": "twenty",
                  "EnableLniAtDeviceIndex": 1.5,
                  "CidrBlock": null}}"""))
                .containsExactly(
                        "Resources.Subnet (AWS::EC2::Subnet).Properties.VpcId: expected string, got an object",
                        "Resources.Subnet (AWS::EC2::Subnet).Properties.MapPublicIpOnLaunch: expected boolean, got string \"yes\"",
                        "Resources.Subnet (AWS::EC2::Subnet).Properties.Ipv4NetmaskLength: expected integer, got string \"twenty\"",
                        "Resources.Subnet (AWS::EC2::Subnet).Properties.EnableLniAtDeviceIndex: expected integer, got number 1.5",
                        "Resources.Subnet (AWS::EC2::Subnet).Properties.CidrBlock: expected string, got null");
    }

    /** CloudFormation (and cfn-lint by default) convert scalars: these are all accepted. */
    @Test
    void check_coercibleScalars_areAcceptedByDefault() {
        String subnet = """
        "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {
          "VpcId": 12345, "CidrBlock": true, "MapPublicIpOnLaunch": "true",
          "Ipv4NetmaskLength": "24", "EnableLniAtDeviceIndex": 1.0}}""";
        assertThat(check(subnet)).isEmpty();
    }

    @Test
    void check_strictTypes_rejectsCoercibleScalars() {
        JsonNode template = withResources("""
            "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {
              "VpcId": 12345, "MapPublicIpOnLaunch": "true", "Ipv4NetmaskLength": "24"}},
            "Group": {"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": {"MinSize": 1, "MaxSize": "2"}}""");
        assertThat(CHECK.strictTypes().check(template))
                .containsExactly(
                        "Resources.Subnet (AWS::EC2::Subnet).Properties.VpcId: expected string, got number 12345",
                        "Resources.Subnet (AWS::EC2::Subnet).Properties.MapPublicIpOnLaunch: expected boolean, got string \"true\"",
                        "Resources.Subnet (AWS::EC2::Subnet).Properties.Ipv4NetmaskLength: expected integer, got string \"24\"",
                        "Resources.Group (AWS::AutoScaling::AutoScalingGroup).Properties.MinSize: expected string, got number 1");
    }

    @Test
    void check_listAndObjectShapes_areChecked() {
        assertThat(check("""
                "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "x",
                  "SecurityGroupIngress": {"IpProtocol": "tcp"},
                  "Tags": ["Name"]}},
                "Lt": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": "t3.micro"}}"""))
                .containsExactly(
                        "Resources.Sg (AWS::EC2::SecurityGroup).Properties.SecurityGroupIngress: expected a list of Ingress, got an object",
                        "Resources.Sg (AWS::EC2::SecurityGroup).Properties.Tags[0]: expected a Tag object, got string \"Name\"",
                        "Resources.Lt (AWS::EC2::LaunchTemplate).Properties.LaunchTemplateData: expected a LaunchTemplateData object, got string \"t3.micro\"");
    }

    @Test
    void check_mapValues_areChecked() {
        assertThat(check("""
                "Api": {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"Name": "a", "ProtocolType": "HTTP"}},
                "Integration": {"Type": "AWS::ApiGatewayV2::Integration", "Properties": {
                  "ApiId": {"Ref": "Api"}, "IntegrationType": "HTTP_PROXY",
                  "RequestParameters": {"overwrite:path": "$request.path", "append:header.x": ["a"]}}}"""))
                .containsExactly(
                        "Resources.Integration (AWS::ApiGatewayV2::Integration).Properties.RequestParameters.append:header.x: expected string, got a list");
    }

    @Test
    void check_jsonProperty_needsAnObject() {
        assertThat(
                        check(
                                "\"Logs\": {\"Type\": \"AWS::Logs::LogGroup\", \"Properties\": {\"DataProtectionPolicy\": \"{}\"}}"))
                .containsExactly(
                        "Resources.Logs (AWS::Logs::LogGroup).Properties.DataProtectionPolicy: expected a JSON object, got string \"{}\"");
    }

    @Test
    void check_union_acceptsAnyMemberAndReportsWhenNoneFits() {
        assertThat(check("""
                "Ok": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": "{}"}},
                "Bad": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": [{"Effect": "Allow"}]}}"""))
                .containsExactly(
                        "Resources.Bad (AWS::IAM::ManagedPolicy).Properties.PolicyDocument: expected one of (a JSON object | string), got a list");
    }

    @Test
    void check_valueOutsideEnumeration_isReported() {
        assertThat(check("""
                "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 10, "LogGroupClass": "standard"}}"""))
                .containsExactly(
                        "Resources.Logs (AWS::Logs::LogGroup).Properties.RetentionInDays: 10 is not one of "
                                + "1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
                        "Resources.Logs (AWS::Logs::LogGroup).Properties.LogGroupClass: \"standard\" is not one of STANDARD, INFREQUENT_ACCESS, DELIVERY");
    }

    // --- intrinsic functions ---------------------------------------------------------------------

    @Test
    void check_listFunctionWhereScalarExpected_isReported() {
        assertThat(check("""
                "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"},
                  "AvailabilityZone": {"Fn::GetAZs": ""},
                  "Ipv6CidrBlock": {"Fn::GetAtt": ["Vpc", "Ipv6CidrBlocks"]}}}"""))
                .containsExactly(
                        "Resources.Subnet (AWS::EC2::Subnet).Properties.AvailabilityZone: expected string, got Fn::GetAZs (which gives a list)",
                        "Resources.Subnet (AWS::EC2::Subnet).Properties.Ipv6CidrBlock: expected string, got Fn::GetAtt (which gives a list)");
    }

    @Test
    void check_scalarFunctionWhereListExpected_isReported() {
        assertThat(check("""
                "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "x"}},
                "Lt": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {
                  "SecurityGroupIds": {"Ref": "Sg"},
                  "SecurityGroups": {"Fn::Split": [",", "a,b"]}}}}"""))
                .containsExactly(
                        "Resources.Lt (AWS::EC2::LaunchTemplate).Properties.LaunchTemplateData.SecurityGroupIds: expected a list of string, got Ref (which gives a single value)");
    }

    @Test
    void check_functionWhereObjectExpected_isReported() {
        assertThat(check("""
                "Lt": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"Fn::Sub": "x"}}}"""))
                .containsExactly(
                        "Resources.Lt (AWS::EC2::LaunchTemplate).Properties.LaunchTemplateData: expected a LaunchTemplateData object, got Fn::Sub (which gives a single value)");
    }

    @Test
    void check_fnIfBranches_areCheckedAndConditionMustExist() {
        assertThat(check("""
                "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"},
                  "MapPublicIpOnLaunch": {"Fn::If": ["IsPublic", true, "no"]}}}"""))
                .containsExactly(
                        "Resources.Subnet (AWS::EC2::Subnet).Properties.MapPublicIpOnLaunch.Fn::If[0]: unknown condition 'IsPublic'",
                        "Resources.Subnet (AWS::EC2::Subnet).Properties.MapPublicIpOnLaunch.Fn::If[2]: expected boolean, got string \"no\"");
    }

    @Test
    void check_unknownRefTarget_isReported() {
        assertThat(check("""
                "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "MainVpc"},
                  "AvailabilityZone": {"Fn::Join": ["", [{"Ref": "AWS::Regoin"}, "a"]]}}}"""))
                .containsExactly(
                        "Resources.Subnet (AWS::EC2::Subnet).Properties.VpcId.Ref: unknown target 'MainVpc' (not a resource, parameter or pseudo parameter)",
                        "Resources.Subnet (AWS::EC2::Subnet).Properties.AvailabilityZone.Fn::Join[1][0].Ref: unknown pseudo parameter 'AWS::Regoin'");
    }

    @Test
    void check_getAttOfUnknownResource_isReported() {
        assertThat(check("""
                "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Fn::GetAtt": ["MainVpc", "VpcId"]}}}"""))
                .containsExactly(
                        "Resources.Subnet (AWS::EC2::Subnet).Properties.VpcId.Fn::GetAtt: unknown resource 'MainVpc'");
    }

    @Test
    void check_getAttOfUnknownAttribute_isReported() {
        assertThat(check("""
                "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Fn::GetAtt": ["Vpc", "Id"]},
                  "CidrBlock": {"Fn::GetAtt": "Vpc.cidrBlock"}}}"""))
                .containsExactly(
                        "Resources.Subnet (AWS::EC2::Subnet).Properties.VpcId.Fn::GetAtt: AWS::EC2::VPC has no attribute 'Id'",
                        "Resources.Subnet (AWS::EC2::Subnet).Properties.CidrBlock.Fn::GetAtt: AWS::EC2::VPC has no attribute 'cidrBlock' (did you mean 'CidrBlock'?)");
    }

    @Test
    void check_subVariables_mustNameSomething() {
        assertThat(check("""
                "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {
                  "LogGroupName": {"Fn::Sub": "/app/${Stage}/${Vpc.Name}/${!Literal}/${AWS::StackName}"}}}"""))
                .containsExactly(
                        "Resources.Logs (AWS::Logs::LogGroup).Properties.LogGroupName.Fn::Sub: ${Stage} names no resource, parameter or pseudo parameter",
                        "Resources.Logs (AWS::Logs::LogGroup).Properties.LogGroupName.Fn::Sub: ${Vpc.Name}: AWS::EC2::VPC has no attribute 'Name'");
    }

    @Test
    void check_referencesInsideJsonProperties_areChecked() {
        assertThat(check("""
                "Policy": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {
                  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": {"Fn::GetAtt": ["Bucket", "Arn"]}}]}}}"""))
                .containsExactly(
                        "Resources.Policy (AWS::IAM::ManagedPolicy).Properties.PolicyDocument.Statement[0].Resource.Fn::GetAtt: unknown resource 'Bucket'");
    }

    @Test
    void check_unknownIntrinsicFunctionAndMapping_areReported() {
        assertThat(check("""
                "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {
                  "LogGroupName": {"Fn::Concat": ["a", "b"]},
                  "KmsKeyId": {"Fn::FindInMap": ["Keys", "prod", "Arn"]}}}"""))
                .containsExactly(
                        "Resources.Logs (AWS::Logs::LogGroup).Properties.LogGroupName.Fn::Concat: unknown intrinsic function",
                        "Resources.Logs (AWS::Logs::LogGroup).Properties.KmsKeyId.Fn::FindInMap[0]: unknown mapping 'Keys'");
    }

    // --- resource attributes ---------------------------------------------------------------------

    @Test
    void check_invalidDeletionAndUpdateReplacePolicies_areReported() {
        assertThat(check("""
                "A": {"Type": "AWS::Logs::LogGroup", "DeletionPolicy": "Keep"},
                "B": {"Type": "AWS::Logs::LogGroup", "DeletionPolicy": "RetainExceptOnCreate", "UpdateReplacePolicy": "RetainExceptOnCreate"},
                "C": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Snapshot"}"""))
                .containsExactly(
                        "Resources.A (AWS::Logs::LogGroup).DeletionPolicy: invalid value \"Keep\" (expected one of Delete, Retain, RetainExceptOnCreate, Snapshot)",
                        "Resources.B (AWS::Logs::LogGroup).UpdateReplacePolicy: invalid value \"RetainExceptOnCreate\" (expected one of Delete, Retain, Snapshot)",
                        "Resources.C (AWS::S3::Bucket).DeletionPolicy: Snapshot is not supported for AWS::S3::Bucket");
    }

    @Test
    void check_dependsOnUnknownResource_isReported() {
        assertThat(check("""
                "Igw": {"Type": "AWS::EC2::InternetGateway", "DependsOn": ["Vpc", "Nat"]},
                "Bucket": {"Type": "AWS::S3::Bucket", "DependsOn": "Bucket"}"""))
                .containsExactly(
                        "Resources.Igw (AWS::EC2::InternetGateway).DependsOn[1]: unknown resource 'Nat'",
                        "Resources.Bucket (AWS::S3::Bucket).DependsOn: a resource cannot depend on itself");
    }

    @Test
    void check_resourceConditionMustExist() {
        assertThat(check("\"Bucket\": {\"Type\": \"AWS::S3::Bucket\", \"Condition\": \"IsProd\"}"))
                .containsExactly("Resources.Bucket (AWS::S3::Bucket).Condition: unknown condition 'IsProd'");
    }

    @Test
    void check_customResource_needsOnlyAServiceToken() {
        assertThat(check("""
                "Fn": {"Type": "Custom::Thing", "Properties": {"Anything": {"Ref": "Vpc"}}},
                "Ok": {"Type": "Custom::Thing", "Properties": {"ServiceToken": "arn:aws:lambda:x", "Size": 3}}"""))
                .containsExactly("Resources.Fn (Custom::Thing).Properties.ServiceToken: missing required property");
    }

    // --- outputs ---------------------------------------------------------------------------------

    @Test
    void check_outputReferences_areChecked() {
        JsonNode template = json("""
            {"Resources": {"Vpc": {"Type": "AWS::EC2::VPC"}},
             "Outputs": {
               "VpcId": {"Value": {"Ref": "MainVpc"}},
               "Cidr": {"Value": {"Fn::GetAtt": ["Vpc", "Cidr"]}},
               "Zones": {"Value": {"Fn::GetAZs": ""}},
               "Nothing": {"Description": "no value"}}}""");
        assertThat(CHECK.check(template))
                .containsExactly(
                        "Outputs.VpcId.Value.Ref: unknown target 'MainVpc' (not a resource, parameter or pseudo parameter)",
                        "Outputs.Cidr.Value.Fn::GetAtt: AWS::EC2::VPC has no attribute 'Cidr'",
                        "Outputs.Zones.Value: expected string, got Fn::GetAZs (which gives a list)",
                        "Outputs.Nothing.Value: missing");
    }

    @Test
    void assertValid_listsTheViolations() {
        JsonNode template = withResources("\"Subnet\": {\"Type\": \"AWS::EC2::Subnet\"}");
        assertThatThrownBy(() -> CHECK.assertValid(template))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(
                        "Resources.Subnet (AWS::EC2::Subnet).Properties.VpcId: missing required property");
    }

    // --- published constraints (constraints.json) ------------------------------------------------

    private static final String SG_PATTERN = "^([a-z,A-Z,0-9,. _\\-:/()#,@[\\]+=&;\\{\\}!$*])*$";
    private static final String SG_PATCH = "patches/extensions/all/aws_ec2_securitygroup/manual.json";

    @Test
    void check_groupDescriptionWithApostrophe_namesPathPatternAndSource() {
        assertThat(check("""
                "Ok": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "App (port 8080) [tcp] #1: ok/fine", "VpcId": {"Ref": "Vpc"}}},
                "Bad": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "the app's group", "VpcId": {"Ref": "Vpc"}}}"""))
                .containsExactly(
                        "Resources.Bad (AWS::EC2::SecurityGroup).Properties.GroupDescription: \"the app's group\" "
                                + "does not match the pattern " + SG_PATTERN + " [" + SG_PATCH + "]");
    }

    @Test
    void check_tooLongString_isReported() {
        String description = "a".repeat(256);
        assertThat(check("""
                "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "%s", "VpcId": {"Ref": "Vpc"}}}""".formatted(description)))
                .containsExactly("Resources.Sg (AWS::EC2::SecurityGroup).Properties.GroupDescription: "
                        + "is 256 characters long, more than the maximum 255 [" + SG_PATCH + "]");
    }

    @Test
    void check_albAttributeKeys_mustBeOnesElbKnows() {
        assertThat(check("""
                "Alb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {
                  "LoadBalancerAttributes": [
                    {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"},
                    {"Key": "drop_invalid_header_fields.enabled", "Value": "true"}
                  ]}}"""))
                .singleElement(as(STRING))
                .startsWith(
                        "Resources.Alb (AWS::ElasticLoadBalancingV2::LoadBalancer).Properties.LoadBalancerAttributes[1].Key: "
                                + "\"drop_invalid_header_fields.enabled\" is not one of access_logs.s3.bucket, ")
                .endsWith(
                        "(25 values in all) [https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerAttribute.html]");
    }

    @Test
    void check_outOfRangeNumbers_areReported() {
        assertThat(check("""
                "Tg": {"Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": {"Port": 70000, "Protocol": "HTTP", "VpcId": {"Ref": "Vpc"}}},
                "TgOk": {"Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": {"Port": "65535", "Protocol": "HTTP", "VpcId": {"Ref": "Vpc"}}},
                "Fn": {"Type": "AWS::Lambda::Function", "Properties": {
                  "Role": "arn:aws:iam::123456789012:role/fn", "Code": {"ZipFile": "x"}, "MemorySize": 64}},
                "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 8}}"""))
                .containsExactly(
                        "Resources.Tg (AWS::ElasticLoadBalancingV2::TargetGroup).Properties.Port: 70000 is more than the maximum 65535 "
                                + "[patches/extensions/all/aws_elasticloadbalancingv2_targetgroup/smithy.json]",
                        "Resources.Fn (AWS::Lambda::Function).Properties.MemorySize: 64 is less than the minimum 128 "
                                + "[patches/extensions/all/aws_lambda_function/smithy.json]",
                        // enumerated by the resource specification too, which reports it first (and alone)
                        "Resources.Logs (AWS::Logs::LogGroup).Properties.RetentionInDays: 8 is not one of "
                                + "1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653");
    }

    @Test
    void check_itemCounts_areReported() {
        assertThat(check("""
                "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {}}},
                "Profile": {"Type": "AWS::IAM::InstanceProfile", "Properties": {"Roles": [{"Ref": "Role"}, "other"]}},
                "Profile2": {"Type": "AWS::IAM::InstanceProfile", "Properties": {"Roles": ["one", "two"]}}"""))
                .containsExactly(
                        "Resources.Profile2 (AWS::IAM::InstanceProfile).Properties.Roles: has 2 items, more than the maximum 1 "
                                + "[patches/extensions/all/aws_iam_instanceprofile/manual.json]");
    }

    @Test
    void check_nestedAndTagConstraints_areApplied() {
        assertThat(check("""
                "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "sg", "VpcId": {"Ref": "Vpc"},
                  "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": -2, "ToPort": 443, "CidrIp": "10.0.0.0/8"}]}},
                "Cluster": {"Type": "AWS::ECS::Cluster", "Properties": {"Tags": [{"Key": "team", "Value": "a;b"}]}}"""))
                .containsExactly(
                        "Resources.Sg (AWS::EC2::SecurityGroup).Properties.SecurityGroupIngress[0].FromPort: -2 is less than the minimum -1 ["
                                + SG_PATCH + "]",
                        "Resources.Cluster (AWS::ECS::Cluster).Properties.Tags[0].Value: \"a;b\" does not match the pattern "
                                + "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$ [patches/extensions/all/aws_ecs_cluster/smithy.json]");
    }

    @Test
    void check_registryPattern_endsWherePythonsEndAnchorEnds() {
        // LogGroupName ends in \Z: the very end in Python (cfn-lint), so a trailing newline fails
        assertThat(check("""
                "Ok": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/app/web"}},
                "Bad": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": "/app/web\\n"}}"""))
                .containsExactly(
                        "Resources.Bad (AWS::Logs::LogGroup).Properties.LogGroupName: \"/app/web\n\" does not match the pattern "
                                + "^[.\\-_/#A-Za-z0-9]{1,512}\\Z [AWS registry schema]");
    }

    @Test
    void check_intrinsicValues_areNotJudgedButLiteralFnIfBranchesAre() {
        JsonNode template = json("""
            {
              "Parameters": {"Port": {"Type": "Number"}},
              "Conditions": {"Big": {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}},
              "Resources": {
                "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
                "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
                  "GroupDescription": {"Fn::Sub": "${AWS::StackName}'s group"}, "VpcId": {"Ref": "Vpc"}}},
                "Tg": {"Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": {"Port": {"Ref": "Port"}, "Protocol": "HTTP", "VpcId": {"Ref": "Vpc"}}},
                "Profile": {"Type": "AWS::IAM::InstanceProfile", "Properties": {
                  "Roles": ["a", {"Fn::If": ["Big", "b", {"Ref": "AWS::NoValue"}]}]}},
                "Fn": {"Type": "AWS::Lambda::Function", "Properties": {
                  "Role": "arn:aws:iam::123456789012:role/fn", "Code": {"ZipFile": "x"},
                  "MemorySize": {"Fn::If": ["Big", 1024, 64]}}}
              }
            }""");
        assertThat(CHECK.check(template))
                .containsExactly(
                        "Resources.Fn (AWS::Lambda::Function).Properties.MemorySize.Fn::If[2]: 64 is less than the minimum 128 "
                                + "[patches/extensions/all/aws_lambda_function/smithy.json]");
    }

    @Test
    void check_ec2InstanceType_mustBeOfferedInUsEast1() {
        assertThat(check("""
                "Ok": {"Type": "AWS::EC2::Instance", "Properties": {"InstanceType": "t4g.nano"}},
                "Bad": {"Type": "AWS::EC2::Instance", "Properties": {"InstanceType": "t4g.tiny"}}"""))
                .singleElement(as(STRING))
                .startsWith("Resources.Bad (AWS::EC2::Instance).Properties.InstanceType: \"t4g.tiny\" is not one of ")
                .endsWith("[extensions/aws_ec2_instance/instancetype_enum.json (us-east-1; cfn-lint rule E3628)]");
    }

    @Test
    void check_bareSubset_appliesNoPublishedConstraints() throws IOException {
        JsonNode subset;
        try (InputStream in = getClass().getResourceAsStream(ResourceSpecCheck.SUBSET_RESOURCE)) {
            subset = JSON.readTree(in);
        }
        JsonNode template = withResources("""
            "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "the app's group", "VpcId": {"Ref": "Vpc"}}}""");
        assertThat(ResourceSpecCheck.fromSubset(subset).check(template)).isEmpty();
        assertThat(CHECK.check(template)).hasSize(1);
    }

    @Test
    void constraints_coverEveryTypeListedInTypesTxt() throws IOException {
        JsonNode constraints;
        try (InputStream in = getClass().getResourceAsStream(PublishedConstraints.RESOURCE)) {
            constraints = JSON.readTree(in);
        }
        List<String> listed = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/cfn-spec/types.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                String type = line.replaceAll("#.*", "").strip();
                if (!type.isEmpty()) {
                    listed.add(type);
                }
            }
        }
        assertThat(listed)
                .as("types.txt lists types missing from constraints.json: rerun scripts/update-cfn-constraints.py")
                .allMatch(t -> constraints.path("resourceTypes").has(t));
    }

    @Test
    void constraints_patternsJavaCannotCompile_areListedInTheReadme() throws IOException {
        String readme;
        try (InputStream in = getClass().getResourceAsStream("/cfn-spec/README.md")) {
            readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(readme)
                .contains("Patterns not applied: " + CHECK.skippedPatterns().size() + ".");
        for (String skipped : CHECK.skippedPatterns()) {
            assertThat(readme).as("README.md lists the skipped pattern").contains("- `" + skipped + "`");
        }
    }

    @Test
    void toJava_translatesWhatJavaReadsDifferently() {
        assertThat(PublishedConstraints.toJava("^[a@[\\]&&b]$")).isEqualTo("^[a@\\[\\]\\&\\&b]$");
        assertThat(PublishedConstraints.toJava("[]a][^]b]")).isEqualTo("[\\]a][^\\]b]");
        assertThat(PublishedConstraints.toJava("^a{,3}b{2}c{1,}#{x}\\Z")).isEqualTo("^a{0,3}b{2}c{1,}#\\{x}\\z");
        assertThat(PublishedConstraints.toJava("^[\\p{L}\\p{Z}]*\\p{Print}+$"))
                .isEqualTo("^[\\p{L}\\p{Z}]*\\p{Print}+$");
    }

    @Test
    void compile_searchesLikeCfnLint() {
        var sg = PublishedConstraints.compile(SG_PATTERN).orElseThrow();
        assertThat(sg.matcher("Web [tcp] {443} & more!").find()).isTrue();
        assertThat(sg.matcher("it's").find()).isFalse();
        assertThat(sg.matcher("tab\there").find()).isFalse();
        // unanchored patterns search, as JSON Schema and cfn-lint do
        assertThat(PublishedConstraints.compile("[0-9]+")
                        .orElseThrow()
                        .matcher("size 10")
                        .find())
                .isTrue();
        // \w is Unicode, as in Python
        assertThat(PublishedConstraints.compile("^[\\w]+$")
                        .orElseThrow()
                        .matcher("café")
                        .find())
                .isTrue();
        assertThat(PublishedConstraints.compile("(unclosed")).isEmpty();
    }
}
