class ExportsController < ApplicationController
  def create
    # ruleid: constantize-params
    exporter = params[:type].constantize
    # ruleid: constantize-params
    report.send(params[:method])
    # ok: constantize-params
    other = EXPORTERS.fetch(params[:type])
    [exporter, other]
  end
end
