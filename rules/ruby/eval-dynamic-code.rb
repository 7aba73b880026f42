class Report
  def value(field, expression)
    # ruleid: eval-dynamic-code
    eval(expression)
    # ruleid: eval-dynamic-code
    instance_eval("@#{field}")
    # ruleid: eval-dynamic-code
    Report.class_eval(params[:code])
    # ok: eval-dynamic-code
    eval("1 + 1")
    # ok: eval-dynamic-code
    public_send(field) if %w[total count].include?(field)
  end
end
