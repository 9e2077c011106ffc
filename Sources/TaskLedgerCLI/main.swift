print("taskledger")
