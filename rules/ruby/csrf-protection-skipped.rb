class WebhooksController < ApplicationController
  # ruleid: csrf-protection-skipped
  skip_before_action :verify_authenticity_token
end

class LegacyController < ApplicationController
  # ruleid: csrf-protection-skipped
  protect_from_forgery with: :null_session
end

class PagesController < ApplicationController
  # ok: csrf-protection-skipped
  protect_from_forgery with: :exception
end
