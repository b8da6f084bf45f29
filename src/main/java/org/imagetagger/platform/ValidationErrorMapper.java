package org.imagetagger.platform;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Bean Validation failures in the contract's error body. Needed beside {@link ErrorMapper} because
 * the JAX-RS runtime brings its own, more specific mapper for them, which answers in plain text.
 */
@Provider
public class ValidationErrorMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        return ErrorMapper.invalid(exception);
    }
}
