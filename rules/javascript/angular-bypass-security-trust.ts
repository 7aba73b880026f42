import { DomSanitizer, SafeHtml } from "@angular/platform-browser";
import DOMPurify from "dompurify";

export class CommentComponent {
  constructor(private sanitizer: DomSanitizer) {}

  render(body: string): SafeHtml[] {
    return [
      // ruleid: angular-bypass-security-trust
      this.sanitizer.bypassSecurityTrustHtml(body),
      // ok: angular-bypass-security-trust
      this.sanitizer.bypassSecurityTrustHtml(DOMPurify.sanitize(body)),
      // ok: angular-bypass-security-trust
      this.sanitizer.bypassSecurityTrustHtml("<hr>"),
    ];
  }
}
