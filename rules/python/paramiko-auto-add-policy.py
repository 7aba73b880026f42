import paramiko


def connect(host):
    client = paramiko.SSHClient()
    # ruleid: paramiko-auto-add-policy
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    # ruleid: paramiko-auto-add-policy
    client.set_missing_host_key_policy(paramiko.WarningPolicy())
    # ok: paramiko-auto-add-policy
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect(host)
