module CommentsHelper
  def body(comment)
    # ruleid: raw-helper
    raw(comment.body)
  end

  def rendered(comment)
    # ruleid: raw-helper
    raw "<p>#{comment.text}</p>"
  end

  def spacer
    # ok: raw-helper
    raw("&nbsp;")
  end
end
