const express = require("express");
const cors = require("cors");

const app = express();
// ruleid: cors-any-origin
app.use(cors());
// ruleid: cors-any-origin
app.use(cors({ origin: true, credentials: true }));
// ok: cors-any-origin
app.use(cors({ origin: ["https://app.example.com"] }));

app.get("/data", (req, res) => {
  // ruleid: cors-any-origin
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.json({});
});
