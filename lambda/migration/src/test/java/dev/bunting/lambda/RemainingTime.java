package dev.bunting.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;

/** An invocation's context as Lambda gives it to a scheduled run, of which upkeep reads the time left. */
record RemainingTime(Duration left) implements Context {

    @Override
    public int getRemainingTimeInMillis() {
        return Math.toIntExact(left.toMillis());
    }

    @Override
    public String getAwsRequestId() {
        return "request-1";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/migration";
    }

    @Override
    public String getLogStreamName() {
        return "stream";
    }

    @Override
    public String getFunctionName() {
        return "migration";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:123456789012:function:migration";
    }

    @Override
    public CognitoIdentity getIdentity() {
        throw new UnsupportedOperationException("a scheduled invocation has no identity");
    }

    @Override
    public ClientContext getClientContext() {
        throw new UnsupportedOperationException("a scheduled invocation has no client context");
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        throw new UnsupportedOperationException("the function logs through java.util.logging");
    }
}
