/** Nothing here is null unless it is marked {@code @Nullable}; NullAway checks this when the module compiles. */
@NullMarked
package dev.bunting.application.measurement;

import org.jspecify.annotations.NullMarked;
