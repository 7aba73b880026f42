const { BrowserWindow } = require("electron");

function windows(preload) {
  // ruleid: electron-insecure-web-preferences
  const a = new BrowserWindow({ width: 800, webPreferences: { nodeIntegration: true } });
  // ruleid: electron-insecure-web-preferences
  const b = new BrowserWindow({ webPreferences: { preload, contextIsolation: false } });
  // ok: electron-insecure-web-preferences
  const c = new BrowserWindow({ webPreferences: { preload, contextIsolation: true } });
  return [a, b, c];
}
