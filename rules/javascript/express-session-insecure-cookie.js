const express = require("express");
const session = require("express-session");
const cookieSession = require("cookie-session");

const app = express();
// ruleid: express-session-insecure-cookie
app.use(session({ secret: process.env.S, cookie: { secure: false } }));
// ruleid: express-session-insecure-cookie
app.use(cookieSession({ keys: [process.env.K], httpOnly: false }));
// ok: express-session-insecure-cookie
app.use(session({ secret: process.env.S, cookie: { secure: true, httpOnly: true } }));
