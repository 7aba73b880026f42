require "base64"

def cart_from(cookies)
  # ruleid: marshal-load
  items = Marshal.load(Base64.decode64(cookies[:cart]))
  # ruleid: marshal-load
  saved = Marshal.restore(File.binread("cart.bin"))
  # ok: marshal-load
  parsed = JSON.parse(cookies[:cart])
  [items, saved, parsed]
end
