class MessagesController < ApplicationController
  def show
    # ruleid: render-inline-dynamic
    render inline: "<p>#{params[:msg]}</p>"
  end

  def page
    # ruleid: render-inline-dynamic
    render template: "pages/#{params[:page]}"
  end

  def fixed
    # ok: render-inline-dynamic
    render inline: "<p>Hello</p>"
  end

  def ok
    # ok: render-inline-dynamic
    render :message, locals: { msg: params[:msg] }
  end
end
