package dev.bunting.adapter.redis;

import dev.bunting.adapter.redis.lettuce.LettuceConnection;

/** The throttle's suite on Lettuce's connection, which the local runner uses. */
class LettuceSignInThrottleIT extends RedisSignInThrottleIT {

    @Override
    RedisCalls newConnection(RedisSettings redis) {
        return new LettuceConnection(redis);
    }
}
