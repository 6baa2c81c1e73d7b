package dev.bunting.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CloudFormationYamlTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void short_tags_become_their_long_forms() throws Exception {
        JsonNode template = CloudFormationYaml.read("""
                A: !Ref Thing
                B: !Sub "https://${Api}.example"
                C: !GetAtt Db.Endpoint.Address
                D: !GetAtt [Fn, Arn]
                E: !If [IsProd, !Ref Big, 1]
                F: !Join ["", [a, !Select [0, !GetAZs ""]]]
                G: !Equals [!Ref Stage, prod]
                """);

        assertThat(template).isEqualTo(json("""
                {"A": {"Ref": "Thing"},
                 "B": {"Fn::Sub": "https://${Api}.example"},
                 "C": {"Fn::GetAtt": ["Db", "Endpoint.Address"]},
                 "D": {"Fn::GetAtt": ["Fn", "Arn"]},
                 "E": {"Fn::If": ["IsProd", {"Ref": "Big"}, 1]},
                 "F": {"Fn::Join": ["", ["a", {"Fn::Select": [0, {"Fn::GetAZs": ""}]}]]},
                 "G": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}}
                """));
    }

    @Test
    void plain_scalars_keep_their_yaml_types() throws Exception {
        assertThat(CloudFormationYaml.read("n: 42\nb: true\ns: '42'\nz: ~\n"))
                .isEqualTo(json("{\"n\": 42, \"b\": true, \"s\": \"42\", \"z\": null}"));
    }

    @Test
    void an_unknown_tag_is_an_error_rather_than_a_silent_string() {
        assertThatThrownBy(() -> CloudFormationYaml.read("A: !Reff Thing\n"))
                .hasMessageContaining("!Reff is not a CloudFormation intrinsic function");
    }
}
