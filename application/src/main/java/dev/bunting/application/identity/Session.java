package dev.bunting.application.identity;

import java.time.Instant;

/** A verified bearer token: whom it speaks for, and which token it is, so that it alone can be signed out. */
public record Session(Principal.SignedIn principal, String tokenId, Instant expiresAt) {}
