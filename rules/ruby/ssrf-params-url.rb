require "net/http"
require "open-uri"

class PreviewsController < ApplicationController
  def show
    # ruleid: ssrf-params-url
    body = Net::HTTP.get(URI(params[:url]))
    # ruleid: ssrf-params-url
    page = URI.open("https://#{params[:host]}/status").read
    # ruleid: ssrf-params-url
    resp = HTTParty.get(params[:callback])
    # ok: ssrf-params-url
    known = Net::HTTP.get(URI("https://status.example.com/"))
    render plain: [body, page, resp, known].join
  end
end
