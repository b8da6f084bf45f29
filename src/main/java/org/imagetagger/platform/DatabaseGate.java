package org.imagetagger.platform;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** Until the database is ready every API call answers 503 with the reason, instead of failing somewhere inside. */
@Provider
@PreMatching
public class DatabaseGate implements ContainerRequestFilter {

    @Inject
    DatabaseAvailability database;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!database.ready()) {
            request.abortWith(ErrorMapper.body(503, database.problem(), Map.of()));
        }
    }
}
