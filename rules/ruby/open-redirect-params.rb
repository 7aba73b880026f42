class SessionsController < ApplicationController
  def create
    # ruleid: open-redirect-params
    redirect_to params[:return_to]
    # ruleid: open-redirect-params
    redirect_to(params.fetch(:next), allow_other_host: true)
    # ok: open-redirect-params
    redirect_to root_path
    # ok: open-redirect-params
    redirect_to url_from(params[:return_to]) || root_path
  end
end
