class ReportsController < ApplicationController
  def show
    # ruleid: file-access-params
    data = File.read("reports/#{params[:name]}")
    # ruleid: file-access-params
    FileUtils.rm_f(File.join("tmp", params[:file]))
    # ok: file-access-params
    clean = File.read(File.join("reports", File.basename(params[:name])))
    # ok: file-access-params
    fixed = File.read("reports/summary.txt")
    render plain: data + clean + fixed
  end
end
