use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};

fn check(token: &str, key: &DecodingKey) -> bool {
    let mut loose = Validation::new(Algorithm::HS256);
    // ruleid: jwt-signature-validation-disabled
    loose.insecure_disable_signature_validation();
    // ruleid: jwt-signature-validation-disabled
    loose.validate_exp = false;
    // ok: jwt-signature-validation-disabled
    let strict = Validation::new(Algorithm::RS256);
    decode::<serde_json::Value>(token, key, &strict).is_ok()
}
