Rails.application.configure do
  config.cache_classes = true
  # ruleid: rails-consider-all-requests-local
  config.consider_all_requests_local = true
  # ok: rails-consider-all-requests-local
  config.consider_all_requests_local = false
end
