require "json"

def payload(params)
  # ruleid: json-load-create-additions
  a = JSON.load(params[:payload])
  # ruleid: json-load-create-additions
  b = JSON.parse(params[:payload], create_additions: true)
  # ok: json-load-create-additions
  c = JSON.parse(params[:payload])
  [a, b, c]
end
