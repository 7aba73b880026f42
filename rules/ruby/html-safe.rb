module UsersHelper
  def badge(user)
    # ruleid: html-safe
    "<b>#{user.name}</b>".html_safe
  end

  def bio(user)
    # ruleid: html-safe
    user.bio.html_safe
  end

  def divider
    # ok: html-safe
    "<hr>".html_safe
  end
end
