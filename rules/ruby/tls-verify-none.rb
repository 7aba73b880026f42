require "net/http"

def fetch(uri)
  http = Net::HTTP.new(uri.host, uri.port)
  http.use_ssl = true
  # ruleid: tls-verify-none
  http.verify_mode = OpenSSL::SSL::VERIFY_NONE
  # ruleid: tls-verify-none
  RestClient::Request.execute(method: :get, url: uri.to_s, verify_ssl: false)
  # ok: tls-verify-none
  http.verify_mode = OpenSSL::SSL::VERIFY_PEER
  http.get(uri.path)
end
