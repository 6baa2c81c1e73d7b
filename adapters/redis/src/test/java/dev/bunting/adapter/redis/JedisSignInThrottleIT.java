package dev.bunting.adapter.redis;

import dev.bunting.adapter.redis.jedis.JedisConnection;

/** The throttle's suite on Jedis's connection, which Lambda functions use. */
class JedisSignInThrottleIT extends RedisSignInThrottleIT {

    @Override
    RedisCalls newConnection(RedisSettings redis) {
        return new JedisConnection(redis);
    }
}
