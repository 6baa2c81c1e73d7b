package dev.bunting.adapter.http;

import java.util.List;

/** A set of related routes, contributed to the API's route table. */
interface RouteGroup {
    List<Route> routes();
}
