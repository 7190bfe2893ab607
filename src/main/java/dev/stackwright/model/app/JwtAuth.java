package dev.stackwright.model.app;

import java.util.List;

/**
 * A JWT authorizer in front of the API: API Gateway checks each request's bearer token against the issuer's keys and
 * the audience before the app sees it. https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
 *
 * @param issuer   the token issuer, an https URL (a Cognito user pool's {@code https://cognito-idp.REGION.amazonaws.com/POOL}
 *                 or any OpenID Connect provider)
 * @param audience accepted {@code aud} (or Cognito {@code client_id}) values; at least one
 */
public record JwtAuth(String issuer, List<String> audience) {
    public JwtAuth {
        audience = List.copyOf(audience);
    }
}
