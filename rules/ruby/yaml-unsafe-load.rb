require "yaml"

def import(request)
  # ruleid: yaml-unsafe-load
  config = YAML.load(request.body.read)
  # ruleid: yaml-unsafe-load
  more = Psych.unsafe_load(File.read("import.yml"))
  # ok: yaml-unsafe-load
  safe = YAML.safe_load(request.body.read, permitted_classes: [Date])
  [config, more, safe]
end
