package dev.bunting.sdk.openfeature.gherkin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bunting.sdk.openfeature.BuntingProvider;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Structure;
import dev.openfeature.sdk.Value;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The steps of OpenFeature's {@code evaluation.feature}, in its current wording, on the Bunting provider. Cucumber makes
 * one instance per scenario; each scenario registers a fresh provider, under a domain of its own, on a fresh
 * {@code TestFlags} client.
 */
public class EvaluationSteps {

    private Client client;
    private Object value;
    private FlagEvaluationDetails<?> details;
    private Object defaultValue;
    private EvaluationContext context = new ImmutableContext();
    private String contextAwareKey;

    @Given("a stable provider")
    public void a_stable_provider() {
        String domain = "gherkin-" + UUID.randomUUID();
        OpenFeatureAPI.getInstance()
                .setProviderAndWait(
                        domain, BuntingProvider.on(SpecFlags.testFlags().client()));
        client = OpenFeatureAPI.getInstance().getClient(domain);
    }

    // basic evaluation

    @When("a boolean flag with key {string} is evaluated with default value {string}")
    public void boolean_value(String key, String defaultValue) {
        value = client.getBooleanValue(key, Boolean.valueOf(defaultValue));
    }

    @When("a string flag with key {string} is evaluated with default value {string}")
    public void string_value(String key, String defaultValue) {
        value = client.getStringValue(key, defaultValue);
    }

    @When("an integer flag with key {string} is evaluated with default value {int}")
    public void integer_value(String key, int defaultValue) {
        value = client.getIntegerValue(key, defaultValue);
    }

    @When("a float flag with key {string} is evaluated with default value {double}")
    public void float_value(String key, double defaultValue) {
        value = client.getDoubleValue(key, defaultValue);
    }

    @When("an object flag with key {string} is evaluated with a null default value")
    public void object_value(String key) {
        value = client.getObjectValue(key, new Value());
    }

    @Then("the resolved boolean value should be {string}")
    public void resolved_boolean(String expected) {
        assertThat(value).isEqualTo(Boolean.valueOf(expected));
    }

    @Then("the resolved string value should be {string}")
    public void resolved_string(String expected) {
        assertThat(value).isEqualTo(expected);
    }

    @Then("the resolved integer value should be {int}")
    public void resolved_integer(int expected) {
        assertThat(value).isEqualTo(expected);
    }

    @Then("the resolved float value should be {double}")
    public void resolved_float(double expected) {
        assertThat(value).isEqualTo(expected);
    }

    @Then(
            "the resolved object value should be contain fields {string}, {string}, and {string}, with values {string}, {string} and {int}, respectively")
    public void resolved_object(
            String boolField,
            String stringField,
            String numberField,
            String boolValue,
            String stringValue,
            int number) {
        assertFields((Value) value, boolField, stringField, numberField, boolValue, stringValue, number);
    }

    // detailed evaluation

    @When("a boolean flag with key {string} is evaluated with details and default value {string}")
    public void boolean_details(String key, String defaultValue) {
        details = client.getBooleanDetails(key, Boolean.valueOf(defaultValue));
    }

    @When("a string flag with key {string} is evaluated with details and default value {string}")
    public void string_details(String key, String defaultValue) {
        details = client.getStringDetails(key, defaultValue);
    }

    @When("an integer flag with key {string} is evaluated with details and default value {int}")
    public void integer_details(String key, int defaultValue) {
        details = client.getIntegerDetails(key, defaultValue);
    }

    @When("a float flag with key {string} is evaluated with details and default value {double}")
    public void float_details(String key, double defaultValue) {
        details = client.getDoubleDetails(key, defaultValue);
    }

    @When("an object flag with key {string} is evaluated with details and a null default value")
    public void object_details(String key) {
        details = client.getObjectDetails(key, new Value());
    }

    @Then(
            "the resolved boolean details value should be {string}, the variant should be {string}, and the reason should be {string}")
    public void resolved_boolean_details(String expected, String variant, String reason) {
        assertDetails(Boolean.valueOf(expected), variant, reason);
    }

    @Then(
            "the resolved string details value should be {string}, the variant should be {string}, and the reason should be {string}")
    public void resolved_string_details(String expected, String variant, String reason) {
        assertDetails(expected, variant, reason);
    }

    @Then(
            "the resolved integer details value should be {int}, the variant should be {string}, and the reason should be {string}")
    public void resolved_integer_details(int expected, String variant, String reason) {
        assertDetails(expected, variant, reason);
    }

    @Then(
            "the resolved float details value should be {double}, the variant should be {string}, and the reason should be {string}")
    public void resolved_float_details(double expected, String variant, String reason) {
        assertDetails(expected, variant, reason);
    }

    @Then(
            "the resolved object details value should be contain fields {string}, {string}, and {string}, with values {string}, {string} and {int}, respectively")
    public void resolved_object_details(
            String boolField,
            String stringField,
            String numberField,
            String boolValue,
            String stringValue,
            int number) {
        assertFields((Value) details.getValue(), boolField, stringField, numberField, boolValue, stringValue, number);
    }

    @Then("the variant should be {string}, and the reason should be {string}")
    public void variant_and_reason(String variant, String reason) {
        assertThat(details.getVariant()).isEqualTo(variant);
        assertThat(details.getReason()).isEqualTo(reason);
    }

    // context-aware evaluation

    @When(
            "context contains keys {string}, {string}, {string}, {string} with values {string}, {string}, {int}, {string}")
    public void context_contains(
            String key1,
            String key2,
            String key3,
            String key4,
            String value1,
            String value2,
            int value3,
            String value4) {
        Map<String, Value> attributes = new HashMap<>();
        attributes.put(key1, new Value(value1));
        attributes.put(key2, new Value(value2));
        attributes.put(key3, new Value(value3));
        attributes.put(key4, new Value(Boolean.valueOf(value4)));
        context = new ImmutableContext(attributes);
    }

    @When("a flag with key {string} is evaluated with default value {string}")
    public void context_aware_value(String key, String defaultValue) {
        contextAwareKey = key;
        this.defaultValue = defaultValue;
        value = client.getStringValue(key, defaultValue, context);
    }

    @Then("the resolved string response should be {string}")
    public void resolved_string_response(String expected) {
        assertThat(value).isEqualTo(expected);
    }

    @Then("the resolved flag value is {string} when the context is empty")
    public void resolved_with_empty_context(String expected) {
        assertThat(client.getStringValue(contextAwareKey, (String) defaultValue, new ImmutableContext()))
                .isEqualTo(expected);
    }

    // errors

    @When("a non-existent string flag with key {string} is evaluated with details and a fallback value {string}")
    public void missing_flag(String key, String fallback) {
        defaultValue = fallback;
        details = client.getStringDetails(key, fallback);
    }

    @When("a string flag with key {string} is evaluated as an integer, with details and a fallback value {int}")
    public void string_flag_as_integer(String key, int fallback) {
        defaultValue = fallback;
        details = client.getIntegerDetails(key, fallback);
    }

    @Then("the default string value should be returned")
    public void default_string_returned() {
        assertThat(details.getValue()).isEqualTo(defaultValue);
    }

    @Then("the default integer value should be returned")
    public void default_integer_returned() {
        assertThat(details.getValue()).isEqualTo(defaultValue);
    }

    @Then("the reason should indicate an error and the error code should indicate a missing flag with {string}")
    public void missing_flag_error(String errorCode) {
        assertError(errorCode);
    }

    @Then("the reason should indicate an error and the error code should indicate a type mismatch with {string}")
    public void type_mismatch_error(String errorCode) {
        assertError(errorCode);
    }

    private void assertDetails(Object expected, String variant, String reason) {
        assertThat(details.getValue()).isEqualTo(expected);
        assertThat(details.getVariant()).isEqualTo(variant);
        assertThat(details.getReason()).isEqualTo(reason);
        assertThat(details.getErrorCode()).isNull();
    }

    private void assertError(String errorCode) {
        assertThat(details.getReason()).isEqualTo(Reason.ERROR.toString());
        assertThat(details.getErrorCode()).isNotNull();
        assertThat(details.getErrorCode().name()).isEqualTo(errorCode);
    }

    private static void assertFields(
            Value object,
            String boolField,
            String stringField,
            String numberField,
            String boolValue,
            String stringValue,
            int number) {
        Structure structure = object.asStructure();
        assertThat(structure).as("an object value").isNotNull();
        assertThat(structure.getValue(boolField).asBoolean()).isEqualTo(Boolean.valueOf(boolValue));
        assertThat(structure.getValue(stringField).asString()).isEqualTo(stringValue);
        assertThat(structure.getValue(numberField).asInteger()).isEqualTo(number);
    }
}
