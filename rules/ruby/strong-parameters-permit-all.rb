class UsersController < ApplicationController
  def update
    # ruleid: strong-parameters-permit-all
    current_user.update(params.require(:user).permit!)
  end

  def user_params
    # ok: strong-parameters-permit-all
    params.require(:user).permit(:name, :email)
  end
end
