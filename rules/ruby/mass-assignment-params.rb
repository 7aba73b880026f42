class AccountsController < ApplicationController
  def create
    # ruleid: mass-assignment-params
    @account = Account.new(params[:account])
    # ruleid: mass-assignment-params
    @account.update(params.require(:account))
    # ok: mass-assignment-params
    @other = Account.new(account_params)
  end

  def account_params
    params.require(:account).permit(:name)
  end
end
