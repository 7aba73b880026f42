class SearchController < ApplicationController
  def index
    # ruleid: regexp-from-params
    matcher = Regexp.new(params[:q])
    # ok: regexp-from-params
    escaped = Regexp.new(Regexp.escape(params[:q]))
    [matcher, escaped]
  end
end
