class UsersController < ApplicationController
  def index
    name = params[:name]
    # ruleid: activerecord-sql-interpolation
    @users = User.where("name = '#{name}'")
    # ruleid: activerecord-sql-interpolation
    @sorted = User.order("created_at " + params[:dir])
    # ruleid: activerecord-sql-interpolation
    ActiveRecord::Base.connection.execute("DELETE FROM sessions WHERE user_id = #{params[:id]}")
    # ok: activerecord-sql-interpolation
    @safe = User.where("name = ?", name)
    # ok: activerecord-sql-interpolation
    @by_hash = User.where(name: name)
    # ok: activerecord-sql-interpolation
    @ordered = User.order(:created_at)
    # ok: activerecord-sql-interpolation
    @fixed = User.where("active = true")
  end
end
