package dev.bunting.adapter.redis;

import dev.bunting.adapter.redis.lettuce.LettuceConnection;

/** The config cache that checks Redis on each get, on Lettuce's connection. */
class LettuceCheckedConfigCacheIT extends RedisCheckedConfigCacheIT {

    @Override
    RedisCalls newConnection(RedisSettings redis) {
        return new LettuceConnection(redis);
    }
}
