import ftplib
import telnetlib


def connect(host, user, password):
    # ruleid: cleartext-protocol
    ftp = ftplib.FTP(host, user, password)
    # ruleid: cleartext-protocol
    tn = telnetlib.Telnet(host)
    # ok: cleartext-protocol
    secure = ftplib.FTP_TLS(host, user, password)
    return ftp, tn, secure
