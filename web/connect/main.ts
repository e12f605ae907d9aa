console.log("eip6963:requestProvider")
