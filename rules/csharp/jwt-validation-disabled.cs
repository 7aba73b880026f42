using Microsoft.IdentityModel.Tokens;

class Auth
{
    TokenValidationParameters Make(SecurityKey key)
    {
        // ruleid: jwt-validation-disabled
        var loose = new TokenValidationParameters { ValidateIssuer = true, RequireSignedTokens = false };
        // ruleid: jwt-validation-disabled
        loose.ValidateLifetime = false;
        // ok: jwt-validation-disabled
        var strict = new TokenValidationParameters { ValidIssuer = "https://id.example.com", IssuerSigningKey = key };
        return strict;
    }
}
