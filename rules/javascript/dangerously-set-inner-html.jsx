import React from "react";
import DOMPurify from "dompurify";

export function Comment({ comment }) {
  // ruleid: dangerously-set-inner-html
  const body = <div className="body" dangerouslySetInnerHTML={{ __html: comment.body }} />;
  // ok: dangerously-set-inner-html
  const safe = <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(comment.body) }} />;
  // ok: dangerously-set-inner-html
  const text = <p>{comment.body}</p>;
  return <section>{body}{safe}{text}</section>;
}

export function Raw({ html }) {
  // ruleid: dangerously-set-inner-html
  return React.createElement("div", { id: "raw", dangerouslySetInnerHTML: { __html: html } });
}
