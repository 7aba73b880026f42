Rails.application.configure do
  # ruleid: rails-hardcoded-secret-key-base
  config.secret_key_base = "not-a-real-key-for-tests-only"
  # ok: rails-hardcoded-secret-key-base
  config.secret_key_base = ENV.fetch("SECRET_KEY_BASE")
end
