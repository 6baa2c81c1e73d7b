package dev.bunting.adapter.redis;

import dev.bunting.adapter.redis.jedis.JedisConnection;

/** The config cache that checks Redis on each get, on Jedis's connection, which Lambda functions use. */
class JedisCheckedConfigCacheIT extends RedisCheckedConfigCacheIT {

    @Override
    RedisCalls newConnection(RedisSettings redis) {
        return new JedisConnection(redis);
    }
}
