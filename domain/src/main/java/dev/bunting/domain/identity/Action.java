package dev.bunting.domain.identity;

/** What an actor asks to do, in the terms the access policy decides on. */
public enum Action {
    READ,
    /** Create a flag or change its definition (name, variants, tags, salt). */
    DEFINE_FLAG,
    /** Change a flag's config in one environment; whether that environment is protected matters. */
    CHANGE_CONFIG,
    DELETE_FLAG,
    /** Archive a flag, so it is evaluated nowhere, or restore it: as weighty as deleting it, in every environment. */
    ARCHIVE_FLAG,
    /** Create, change, start, stop or delete an experiment; whether its environment is protected matters. */
    MANAGE_EXPERIMENTS,
    MANAGE_USERS,
    MANAGE_KEYS,
    MANAGE_ENVIRONMENTS
}
