require "openssl"

def ciphers
  # ruleid: weak-cipher
  a = OpenSSL::Cipher.new("des-ede3-cbc")
  # ruleid: weak-cipher
  b = OpenSSL::Cipher.new("aes-128-ecb")
  # ruleid: weak-cipher
  c = OpenSSL::Cipher.new("RC4")
  # ok: weak-cipher
  d = OpenSSL::Cipher.new("aes-256-gcm")
  [a, b, c, d]
end
