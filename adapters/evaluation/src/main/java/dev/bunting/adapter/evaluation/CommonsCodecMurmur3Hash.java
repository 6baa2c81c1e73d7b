package dev.bunting.adapter.evaluation;

import dev.bunting.domain.evaluation.Murmur3Hash;
import org.apache.commons.codec.digest.MurmurHash3;

/** spec/bucketing.md's murmur3_x86_32 (seed 0), from commons-codec. */
public final class CommonsCodecMurmur3Hash implements Murmur3Hash {

    @Override
    public int hash32x86(byte[] data) {
        return MurmurHash3.hash32x86(data);
    }
}
