require "securerandom"

class User
  def reset!
    # ruleid: insecure-random-secret
    @reset_token = rand(10**12).to_s
    # ruleid: insecure-random-secret
    otp_code = Random.rand(1_000_000)
    # ok: insecure-random-secret
    @session_key = SecureRandom.hex(32)
    # ok: insecure-random-secret
    delay = rand(5)
    [otp_code, delay]
  end
end
