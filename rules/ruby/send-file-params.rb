class DownloadsController < ApplicationController
  def show
    # ruleid: send-file-params
    send_file "uploads/#{params[:name]}"
  end

  def raw
    # ruleid: send-file-params
    send_data File.read(File.join("exports", params[:file])), type: "text/csv"
  end

  def document
    doc = Document.find(params[:id])
    # ok: send-file-params
    send_file doc.path
  end
end
