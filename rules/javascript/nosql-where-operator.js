async function find(db, name) {
  // ruleid: nosql-where-operator
  await db.collection("users").find({ $where: "this.name == '" + name + "'" });
  // ok: nosql-where-operator
  await db.collection("users").find({ $where: "this.active" });
  // ok: nosql-where-operator
  await db.collection("users").find({ name: { $eq: name } });
}
