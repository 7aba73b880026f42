require "digest"
require "openssl"

def fingerprints(password, file)
  # ruleid: weak-hash
  a = Digest::MD5.hexdigest(password)
  # ruleid: weak-hash
  b = Digest::SHA1.digest(file)
  # ruleid: weak-hash
  c = OpenSSL::Digest.new("SHA1")
  # ok: weak-hash
  d = Digest::SHA256.hexdigest(file)
  # ok: weak-hash
  e = OpenSSL::Digest.new("SHA256")
  [a, b, c, d, e]
end
